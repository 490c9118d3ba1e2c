/// How a telehealth service was delivered; selects one of the three telehealth triggers.
public enum TelehealthModality: String, Sendable, Hashable, Codable, CaseIterable {
    /// Real-time audio and video.
    case audioVideo = "audio_video"
    /// Real-time audio only.
    case audioOnly = "audio_only"
    /// Asynchronous store-and-forward.
    case storeForward = "store_forward"
}
