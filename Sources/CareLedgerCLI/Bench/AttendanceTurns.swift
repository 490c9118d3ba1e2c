import Foundation

/// What the turns of `bench attendance` add up to.
struct AttendanceTurns: Sendable {
    var marks = AttendanceLoad.Outcome()
    var floor = AttendanceFloor.Outcome()
    var marksCPU = ProcessCPU.Spent()
    var floorCPU = ProcessCPU.Spent()
    /// pgbench's run of the floor, when the cluster has it (`PgbenchFloor`).
    var pgbench = PgbenchFloor.Outcome()
    /// The server's timers over the marks' measured windows.
    var markTimes: [Int64] = []
    var previewTimes: [Int64] = []

    /// Prints the figures of all the turns: the marks, the floor, their CPU, and pgbench's run when there was one.
    func report(windows: Int, window: Duration, clients: Int, clientThreads: Int, pgbenchRan: Bool) {
        func micro(_ value: Double) -> String { String(format: "%.0f µs", value) }
        func percent(_ value: Double) -> String { String(format: "%.0f%%", value * 100) }
        print("Measured in \(windows) turns of \(String(format: "%.1f", window.seconds)) s each: marks, then the floor on the same cluster"
              + (pgbenchRan ? ", then pgbench's run of the floor." : "."))
        marks.report(markNanoseconds: markTimes, previewComputationNanoseconds: previewTimes, clients: clients)
        let markRate = Double(marks.marks) / marks.elapsed.seconds
        print("Floor (\(clients) connections, BEGIN + UPDATE + SELECT + INSERT + COMMIT per transaction, same cluster): "
              + "\(Int(floor.rate.rounded())) transactions/s, latency \(Percentiles(floor.latenciesNanoseconds).description)")
        print("Marks are \(percent(markRate / floor.rate)) of the floor's transaction rate (target >= 50%).")
        let (markCPU, floorTxCPU) = (marksCPU.microsecondsPerTransaction(marks.marks), floorCPU.microsecondsPerTransaction(floor.transactions))
        // A mark's CPU, this process and the backends, when the backends could be counted.
        var markTotal: Double?
        if let markPostgres = markCPU.postgres, let floorPostgres = floorTxCPU.postgres {
            let (mark, floorTotal) = (markCPU.benchmark + markPostgres, floorTxCPU.benchmark + floorPostgres)
            markTotal = mark
            print("CPU per transaction (this process + the database's backends): mark \(micro(mark)) (\(micro(markCPU.benchmark)) + \(micro(markPostgres))), "
                  + "floor \(micro(floorTotal)) (\(micro(floorTxCPU.benchmark)) + \(micro(floorPostgres))): at equal CPU, marks would be "
                  + "\(percent(floorTotal / mark)) of the floor's rate.")
            if let markLoad = marksCPU.loadMicrosecondsPerTransaction(marks.marks),
               let floorLoad = floorCPU.loadMicrosecondsPerTransaction(floor.transactions) {
                // As if the load ran elsewhere: the server and its database against the database alone.
                let (server, floorDatabase) = (mark - markLoad, floorTotal - floorLoad)
                print("Of that, the load's own loops (threads: \(clientThreads)): mark \(micro(markLoad)), floor \(micro(floorLoad)). "
                      + "The rest: mark \(micro(server)) (server \(micro(markCPU.benchmark - markLoad)) + database \(micro(markPostgres))), "
                      + "floor \(micro(floorDatabase)) (\(micro(floorTxCPU.benchmark - floorLoad)) + database \(micro(floorPostgres))): "
                      + "at equal CPU without the load generators, marks would be \(percent(floorDatabase / server)) of the floor's rate.")
            }
        }
        guard pgbenchRan else {
            print("pgbench: not run (the database is not the embedded cluster, or pgbench is not beside its server binaries).")
            return
        }
        var line = "pgbench, PostgreSQL's own client, running the floor's transaction on its tables (\(clients) clients, same cluster): "
            + "\(Int(pgbench.rate.rounded())) transactions/s; marks are \(percent(markRate / pgbench.rate)) of its rate."
        if case let (client, database?) = pgbench.microsecondsPerTransaction, let markTotal {
            line += " CPU per transaction \(micro(client + database)) (pgbench \(micro(client)) + database \(micro(database))): "
                + "at equal CPU, marks would be \(percent((client + database) / markTotal)) of its rate."
        }
        print(line)
    }
}
