import ArgumentParser
public enum CLIModule {}
