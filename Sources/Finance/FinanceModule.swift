import Platform
public enum FinanceModule {}
