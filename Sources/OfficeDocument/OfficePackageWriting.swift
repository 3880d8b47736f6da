/// The parts every written Office package shares: the content types, the
/// package relationships and the document properties (title and author).
///
/// The properties carry no dates, so the same document written twice is the
/// same file byte for byte.
enum OfficePackageWriting {
    static let relationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let officeRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// `[Content_Types].xml`: rels and xml by extension, every other part by name.
    static func contentTypes(defaults: [(String, String)] = [], overrides: [(part: String, type: String)]) -> String {
        var xml = XMLText.declaration
        xml += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        xml += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        xml += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        for (extensionName, type) in defaults { xml += "<Default Extension=\"\(extensionName)\" ContentType=\"\(type)\"/>" }
        let common: [(part: String, type: String)] = [
            ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
            ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
        ]
        for override in overrides + common {
            xml += "<Override PartName=\"\(override.part)\" ContentType=\"\(override.type)\"/>"
        }
        return xml + "</Types>"
    }

    /// A relationships part: (id, type, target) each.
    static func relationships(_ entries: [(id: String, type: String, target: String)]) -> String {
        var xml = XMLText.declaration + "<Relationships xmlns=\"\(relationshipsNamespace)\">"
        for entry in entries {
            xml += "<Relationship Id=\"\(entry.id)\" Type=\"\(entry.type)\" Target=\"\(XMLText.escaped(entry.target))\"/>"
        }
        return xml + "</Relationships>"
    }

    /// `_rels/.rels`: the main part and the two property parts.
    static func packageRelationships(main: String) -> String {
        relationships([
            ("rId1", "\(officeRelationship)/officeDocument", main),
            ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
            ("rId3", "\(officeRelationship)/extended-properties", "docProps/app.xml"),
        ])
    }

    /// `docProps/core.xml`: the title and author shown in File → Info.
    static func coreProperties(title: String, creator: String) -> String {
        var xml = XMLText.declaration
        xml += "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
        xml += " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
        xml += " xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        if !title.isEmpty { xml += "<dc:title>\(XMLText.escaped(title))</dc:title>" }
        if !creator.isEmpty { xml += "<dc:creator>\(XMLText.escaped(creator))</dc:creator>" }
        return xml + "</cp:coreProperties>"
    }

    /// `docProps/app.xml`: the program that wrote the file.
    static func appProperties() -> String {
        XMLText.declaration + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\""
            + " xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"><Application>improve</Application></Properties>"
    }
}
