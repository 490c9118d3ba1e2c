import Foundation
import PostgresNIO

// The bus's two statements that run for every publish and every handled claim, prepared once per
// connection. Sent as unnamed statements, PostgreSQL parsed, analysed and planned them on every
// call: under `bench events` the client's statements took about a tenth of all CPU that way, much
// of it these two (the acknowledgement's join and its tenant policy planned afresh each time;
// docs/BENCHMARKS.md). Every value is bound, so one plan serves every contract, organization and
// batch size.

/// Writes a publish's events and one delivery per subscriber covering them all.
struct PublishEventsStatement: PostgresPreparedStatement {
    // The outbox insert runs whether or not the delivery insert refers to it.
    static let sql = """
        WITH event AS (
          INSERT INTO pf_event_outbox (organization_id, id, event_type, version, channel, payload, correlation_id, occurred_at)
          SELECT $1, e.id, $3, $4, $5, e.payload::jsonb, $2, clock_timestamp()
          FROM unnest($6::uuid[], $7::text[]) AS e(id, payload)
        )
        INSERT INTO pf_event_deliveries (organization_id, id, subscriber, event_ids)
        SELECT $1, gen_random_uuid(), s, $6::uuid[] FROM unnest($8::text[]) AS s
        """
    static let bindingDataTypes: [PostgresDataType] = [.uuid, .uuid, .text, .int8, .text, .uuidArray, .textArray, .textArray]
    typealias Row = ()

    let organizationID: UUID
    let correlationID: UUID
    let eventType: String
    let version: Int
    let channel: String
    let ids: [UUID]
    let payloads: [String]
    let subscribers: [String]

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 8)
        bindings.append(organizationID)
        bindings.append(correlationID)
        bindings.append(eventType)
        bindings.append(version)
        bindings.append(channel)
        bindings.append(ids)
        bindings.append(payloads)
        bindings.append(subscribers)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws {}
}

/// Marks a claim's deliveries delivered, each only while still pending at the attempt the
/// dispatcher claimed (the fence), and returns the ids it marked.
struct AcknowledgeDeliveriesStatement: PostgresPreparedStatement {
    // Its plan depends on the table's statistics: made on a nearly empty table it scans the
    // organization's deliveries (primary-key prefix ANDed with the pending index) until an analysis
    // replaces it; every single-statement form leaves the planner that choice (docs/BENCHMARKS.md,
    // 2026-12-03 night).
    static let sql = """
        UPDATE pf_event_deliveries d SET status = 'delivered', delivered_at = clock_timestamp(), last_error = NULL
        FROM unnest($2::uuid[], $3::int8[]) AS c(id, attempts)
        WHERE d.organization_id = $1 AND d.id = c.id AND d.attempts = c.attempts AND d.status = 'pending'
        RETURNING d.id
        """
    static let bindingDataTypes: [PostgresDataType] = [.uuid, .uuidArray, .int8Array]
    typealias Row = UUID

    let organizationID: UUID
    let deliveryIDs: [UUID]
    let attempts: [Int]

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 3)
        bindings.append(organizationID)
        bindings.append(deliveryIDs)
        bindings.append(attempts)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> UUID { try row.decode(UUID.self) }
}
