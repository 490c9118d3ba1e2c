import CareLedgerCLI
print("x")
