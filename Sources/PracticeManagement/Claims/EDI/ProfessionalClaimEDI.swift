/// Writes professional claims as an ANSI X12 837P interchange (005010X222A1).
///
/// Pure: no clock, no I/O, no database. The same batch always gives the same text, so a file
/// can be rebuilt byte for byte when a clearinghouse questions what was sent.
public enum ProfessionalClaimEDI {
    /// GS08 and ST03: the HIPAA implementation guide, with its errata, that the output follows.
    public static let implementationGuide = "005010X222A1"
    /// ST02: one transaction set per interchange, so its control number never repeats within the group.
    static let transactionSetControlNumber = "0001"

    /// Validates the whole batch, then renders it; nothing is rendered if any field is refused.
    /// Segments end with `~` and a newline.
    public static func render(_ batch: ProfessionalClaimBatch) throws(ProfessionalClaimEDIError) -> String {
        let batch = try batch.validated()
        return segments(for: batch).map { $0.text + X12Segment.terminator }.joined()
    }

    static func segments(for batch: ProfessionalClaimBatch) -> [X12Segment] {
        let envelope = batch.interchange
        let stamp = envelope.localStamp
        let transaction = transactionSet(for: batch, stamp: stamp)
        return [interchangeHeader(envelope, stamp: stamp),
                X12Segment("GS", "HC", envelope.senderID, envelope.receiverID, stamp.date, stamp.time,
                           String(envelope.groupControlNumber), "X", implementationGuide)]
            + transaction
            + [X12Segment("GE", "1", String(envelope.groupControlNumber)),
               X12Segment("IEA", "1", envelope.paddedControlNumber)]
    }

    /// ISA is fixed-width (106 characters with its terminator): receivers read the delimiters from
    /// fixed positions before they know them, so every element is padded to its full size.
    static func interchangeHeader(_ envelope: InterchangeEnvelope, stamp: (date: String, time: String)) -> X12Segment {
        func padded(_ id: String) -> String { id + String(repeating: " ", count: 15 - id.count) }
        let noInformation = String(repeating: " ", count: 10)
        return X12Segment(
            "ISA", "00", noInformation, "00", noInformation,
            envelope.senderQualifier, padded(envelope.senderID), envelope.receiverQualifier, padded(envelope.receiverID),
            String(stamp.date.dropFirst(2)), stamp.time, X12Segment.repetitionSeparator, "00501",
            envelope.paddedControlNumber, envelope.acknowledgmentRequested ? "1" : "0", envelope.usage.rawValue,
            X12Segment.componentSeparator)
    }

    /// ST to SE. SE01 counts every segment of the transaction set, ST and SE included.
    static func transactionSet(for batch: ProfessionalClaimBatch, stamp: (date: String, time: String)) -> [X12Segment] {
        var body = [
            X12Segment("ST", "837", transactionSetControlNumber, implementationGuide),
            // 0019: information source, subscriber, dependent. 00: original transmission. CH: chargeable,
            // i.e. claims for payment rather than encounter reports. BHT03 reuses the interchange
            // control number so an acknowledgment for this transaction leads back to the file.
            X12Segment("BHT", "0019", "00", batch.interchange.paddedControlNumber, stamp.date, stamp.time, "CH"),
        ]
        body += submitterAndReceiver(batch)
        body += billingProvider(batch.billingProvider)
        for (index, claim) in batch.claims.enumerated() {
            body += subscriberAndClaim(claim, hierarchicalID: index + 2)
        }
        body.append(X12Segment("SE", String(body.count + 1), transactionSetControlNumber))
        return body
    }

    /// Loops 1000A and 1000B. Qualifier 46 is the electronic transmitter id (ETIN).
    static func submitterAndReceiver(_ batch: ProfessionalClaimBatch) -> [X12Segment] {
        let submitter = batch.submitter
        let contact: X12Segment = switch submitter.contact {
        case let .phone(number): X12Segment("PER", "IC", submitter.contactName, "TE", number)
        case let .email(address): X12Segment("PER", "IC", submitter.contactName, "EM", address)
        }
        return [
            X12Segment("NM1", "41", "2", submitter.name, "", "", "", "", "46", submitter.identifier),
            contact,
            X12Segment("NM1", "40", "2", batch.receiver.name, "", "", "", "", "46", batch.receiver.identifier),
        ]
    }
}
