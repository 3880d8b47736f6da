/// `--bom`, declared once for every command that writes CSV (`list`, `summary`, `report`, `export csv`):
/// a UTF-8 byte order mark first, without which Excel reads UTF-8 as the local code page.
enum ByteOrderMark {
    static let flag = Flag("--bom", help: "With CSV: start with a UTF-8 byte order mark, for Excel.")
    static let text = "\u{FEFF}"

    /// Whether `--bom` was given; a usage error when the output is not CSV.
    static func read(_ arguments: ParsedArguments, format: OutputFormat, command: CommandDescriptor) throws(CLIError) -> Bool {
        guard arguments[flag] else { return false }
        guard format == .csv else { throw .usage("\(flag) goes with \(CommonOptions.format) csv", command: command) }
        return true
    }
}
