#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension DeviceModel {
    /// The model as JSON text: pretty-printed, keys sorted (so equal models give equal bytes and the
    /// controller's ETag changes only when the model does), slashes unescaped, one final newline.
    public func jsonText() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Every field is a string, number, boolean or list of those: encoding cannot fail.
        guard let data = try? encoder.encode(self) else { preconditionFailure("DeviceModel is not encodable") }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Decodes a model from the JSON that ``jsonText()`` produces.
    ///
    /// - Throws: `DecodingError` when `text` is not such a model.
    public static func decode(jsonText text: String) throws(DecodingError) -> DeviceModel {
        do {
            return try JSONDecoder().decode(DeviceModel.self, from: Data(text.utf8))
        } catch let error as DecodingError {
            throw error
        } catch {
            throw .dataCorrupted(.init(codingPath: [], debugDescription: "not a device model: \(error)"))
        }
    }
}
