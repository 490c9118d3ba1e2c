import Platform
public enum PracticeManagementModule {}
