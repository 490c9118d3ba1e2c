import Foundation

/// Phone and tablet viewports and screenshots, through Chromium's DevTools commands (a desktop
/// window cannot be made as narrow as a phone; device-metrics emulation can).
extension WebDriver {
    func setViewport(width: Int, height: Int) async throws {
        _ = try await devTools("Emulation.setDeviceMetricsOverride",
                               ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600])
    }

    /// The viewport as a PNG.
    func screenshot() async throws -> Data {
        let value = try await devTools("Page.captureScreenshot", ["format": "png"])
        guard let encoded = (value as? [String: Any])?["data"] as? String, let data = Data(base64Encoded: encoded) else {
            throw Failure(description: "no screenshot returned")
        }
        return data
    }

    private func devTools(_ command: String, _ parameters: [String: Any]) async throws -> Any? {
        try await self.command(.POST, "goog/cdp/execute", ["cmd": command, "params": parameters])
    }
}
