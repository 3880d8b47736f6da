import PlanKit

extension ReportDocument {
    /// A chart in a report: the same numbers as the section's table, drawn.
    /// HTML draws it as SVG, Word as a native chart, terminal text and CSV
    /// leave it to the table (which every chart comes with, as its text alternative).
    public struct Chart: Sendable {
        public enum Kind: Sendable, Equatable {
            /// One horizontal bar per category, stacked by level (RAG by theme, by recommendation).
            case stackedBars
            /// One column per category, stacked by level (the trend across board meetings).
            case stackedColumns
        }

        /// One level of the scheme (or "no status"): its count in each category.
        public struct Series: Sendable {
            /// The level's code (`AMBER`), or `No status`: the legend's words.
            public var label: String
            /// The level's colour; `nil` for no status (drawn light grey).
            public var colour: RAGColour?
            /// How many actions are at this level in each category, in the order of ``Chart/categories``
            /// (one value per category); a category's bar or column is the sum of its values over the series.
            public var values: [Int]

            public init(label: String, colour: RAGColour?, values: [Int]) {
                self.label = label
                self.colour = colour
                self.values = values
            }
        }

        public var kind: Kind
        public var title: String
        /// Theme names, recommendation numbers, or board dates.
        public var categories: [String]
        public var series: [Series]
        public var categoryAxisTitle: String
        public var valueAxisTitle: String
        /// A sentence saying what the chart shows, for screen readers and alt text.
        public var summary: String

        public init(kind: Kind, title: String, categories: [String], series: [Series],
                    categoryAxisTitle: String, valueAxisTitle: String, summary: String) {
            self.kind = kind
            self.title = title
            self.categories = categories
            self.series = series
            self.categoryAxisTitle = categoryAxisTitle
            self.valueAxisTitle = valueAxisTitle
            self.summary = summary
        }
    }
}
