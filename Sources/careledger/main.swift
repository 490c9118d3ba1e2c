import CareLedgerCLI

await CareLedgerCommand.runMain()
