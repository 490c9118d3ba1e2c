/// The product's version, as `/openapi.json` and the CLI report it.
public enum CareLedgerVersion {
    public static let current = "0.1.0"
}
