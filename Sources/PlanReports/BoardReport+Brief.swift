import PlanJSON
import PlanKit

/// The brief: the pack a board reads on paper in three pages at most.
extension BoardReport {
    /// The sections the brief shows, in order; everything else is named in one line with the command that prints it.
    public static let briefSectionNames = ["headline", "rag", "trend", "exceptions"]

    /// The brief's sections: the headline, the RAG chart (by theme or recommendation), the trend chart and the
    /// exceptions, each chart's table kept as its text alternative (folded away in HTML), and a last line saying
    /// what the full pack holds and how to get it.
    ///
    /// - Parameter fullPack: how to print the full pack (the command line, which only the caller knows).
    public func briefSections(fullPack: String) -> [ReportDocument.Section] {
        var chosen = sections(named: Self.briefSectionNames)
        for index in chosen.indices where chosen[index].chart != nil { chosen[index].foldsTable = true }
        return chosen + [.init(title: "In the full pack", paragraphs: [fullPackLine(fullPack)], key: "full-pack")]
    }

    /// One sentence: what the full pack adds, with counts, and the command that prints it.
    func fullPackLine(_ fullPack: String) -> String {
        let lists = [("no status", summary.noStatus.count), ("stale", summary.stale.count),
                     ("status contradicting the dates", summary.contradictions.count), ("withdrawn", summary.withdrawn.count)]
        return "The full pack adds the progress recorded since \(periodStart) (\(progress.count) "
            + "\(progress.count == 1 ? "entry" : "entries")), deadlines changed (\(slips.count)), what falls due before "
            + "\(next) (\(dueBeforeNext.count)), the recommendations (\(summary.recommendations.count)) and the "
            + "actions with " + lists.map { "\($0.0) (\($0.1))" }.joined(separator: ", ") + "; print it with: \(fullPack)"
    }

    /// The brief of several plans as one document.
    public static func brief(_ reports: [BoardReport], asOf: CalendarDate, fullPack: String) -> ReportDocument {
        ReportDocument(title: "Improvement plan board brief", subtitle: "As of \(asOf)",
                       sections: reports.flatMap { $0.briefSections(fullPack: fullPack) })
    }
}
