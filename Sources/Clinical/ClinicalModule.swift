import Platform
public enum ClinicalModule {}
