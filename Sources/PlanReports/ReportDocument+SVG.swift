import PlanKit

/// Charts (``ReportDocument/Chart``) drawn as inline SVG for the HTML report: labelled axes, a legend, a title
/// and a description for screen readers (`role="img"`), and every segment with its count written in it and a
/// pattern of its own, so that a black-and-white print still reads; colour is never the only sign.
extension ReportDocument {
    /// The drawing's width in SVG units; it scales to the page.
    static let chartWidth = 640.0

    /// A chart as an `<svg>` element; `id` (unique in the page) names its title, description and patterns.
    static func svg(_ chart: Chart, id: String) -> String {
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" "
        let body: (height: Double, content: String) = chart.kind == .stackedBars ? bars(chart, id: id) : columns(chart, id: id)
        out += "viewBox=\"0 0 \(Int(chartWidth)) \(number(body.height))\" width=\"\(Int(chartWidth))\" height=\"\(number(body.height))\">"
        out += "<title id=\"\(id)-title\">\(htmlEscape(chart.title))</title>"
        out += "<desc id=\"\(id)-desc\">\(htmlEscape(chart.summary))</desc>"
        out += patterns(id: id) + legend(chart, id: id) + body.content
        return out + "</svg>"
    }

    /// The fill of a series: its level's colour, or light grey for no status.
    static func fill(_ colour: RAGColour?) -> String {
        switch colour {
        case .red: "#c0392b"
        case .amber: "#e69b00"
        case .green: "#1e7b34"
        case .blue: "#2f6fb3"
        case .grey: "#5f6b6d"
        case .purple: "#7d3c98"
        case nil: "#d0d3d4"
        }
    }

    /// The colour of a count written on a fill: white on the dark fills, near-black on amber and grey.
    static func ink(_ colour: RAGColour?) -> String { colour == .amber || colour == nil ? "#111111" : "#ffffff" }

    /// A level's colour for its word on a white page: dark enough for 4.5:1 (WCAG 2.1 AA).
    static func textColour(_ colour: RAGColour) -> String {
        switch colour {
        case .red: "#a93226"
        case .amber: "#8a5a00"
        case .green: "#1e6b2a"
        case .blue: "#245a94"
        case .grey: "#545f61"
        case .purple: "#6c3483"
        }
    }

    /// The pattern over a fill, so that levels differ in grey too: hatching for red, dots for amber,
    /// lines for blue, cross-hatching for the rest; green and no status are plain.
    static func pattern(_ colour: RAGColour?) -> String? {
        switch colour {
        case .red: "hatch"
        case .amber: "dots"
        case .blue: "lines"
        case .grey, .purple: "cross"
        case .green, nil: nil
        }
    }

    static func patterns(id: String) -> String {
        "<defs>"
            + "<pattern id=\"\(id)-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
            + "<rect width=\"2\" height=\"6\" fill=\"#ffffff\" fill-opacity=\"0.45\"/></pattern>"
            + "<pattern id=\"\(id)-dots\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\">"
            + "<circle cx=\"2.5\" cy=\"2.5\" r=\"1\" fill=\"#000000\" fill-opacity=\"0.35\"/></pattern>"
            + "<pattern id=\"\(id)-lines\" width=\"6\" height=\"4\" patternUnits=\"userSpaceOnUse\">"
            + "<rect width=\"6\" height=\"1.2\" fill=\"#ffffff\" fill-opacity=\"0.45\"/></pattern>"
            + "<pattern id=\"\(id)-cross\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">"
            + "<path d=\"M0 0L6 6M6 0L0 6\" stroke=\"#ffffff\" stroke-opacity=\"0.5\"/></pattern>"
            + "</defs>"
    }

    /// A rectangle in a series' fill and pattern.
    static func segment(x: Double, y: Double, width: Double, height: Double, colour: RAGColour?, id: String) -> String {
        let box = "x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(width))\" height=\"\(number(height))\""
        var out = "<rect \(box) fill=\"\(fill(colour))\" stroke=\"#ffffff\" stroke-width=\"0.5\"/>"
        if let pattern = pattern(colour) { out += "<rect \(box) fill=\"url(#\(id)-\(pattern))\"/>" }
        return out
    }

    /// A count written in the middle of its segment, with a halo of the fill so that it reads over the pattern.
    static func valueLabel(_ value: Int, x: Double, y: Double, colour: RAGColour?) -> String {
        "<text x=\"\(number(x))\" y=\"\(number(y))\" text-anchor=\"middle\" dominant-baseline=\"central\" font-size=\"11\" "
            + "font-weight=\"bold\" fill=\"\(ink(colour))\" stroke=\"\(fill(colour))\" stroke-width=\"3\" paint-order=\"stroke\">\(value)</text>"
    }

    /// The legend across the top: a swatch (fill and pattern) and the label of each series.
    static func legend(_ chart: Chart, id: String) -> String {
        var out = "<g class=\"legend\" font-size=\"12\" fill=\"#222222\">"
        var x = 0.0
        for series in chart.series {
            out += segment(x: x, y: 2, width: 14, height: 14, colour: series.colour, id: id)
            out += "<text x=\"\(number(x + 19))\" y=\"13\">\(htmlEscape(series.label))</text>"
            x += 19 + Double(series.label.count) * 7.5 + 18
        }
        return out + "</g>"
    }

    /// Round steps for a value axis running to at least `maximum`, about five of them.
    static func ticks(upTo maximum: Int) -> [Int] {
        let top = max(maximum, 1)
        let rough = Double(top) / 5
        let magnitude = pow10(Int(rough.rounded(.down)).description.count - 1)
        let step = [1, 2, 5, 10].map { $0 * magnitude }.first { Double($0) >= rough } ?? 10 * magnitude
        return Array(stride(from: 0, through: ((top + step - 1) / step) * step, by: step))
    }

    private static func pow10(_ exponent: Int) -> Int { (0..<max(exponent, 0)).reduce(1) { result, _ in result * 10 } }

    /// Horizontal bars, a category per row; the value axis (with its title) along the bottom.
    static func bars(_ chart: Chart, id: String) -> (height: Double, content: String) {
        let labelWidth = min(170, max(40, Double(chart.categories.map(\.count).max() ?? 0) * 7 + 12))
        let left = 22 + labelWidth, right = chartWidth - 16, top = 30.0, row = 22.0, gap = 6.0
        let totals = chart.categories.indices.map { index in chart.series.reduce(0) { $0 + $1.values[index] } }
        let ticks = ticks(upTo: totals.max() ?? 0)
        let scale = (right - left) / Double(ticks.last!)
        let bottom = top + Double(chart.categories.count) * (row + gap)
        var out = "<g font-size=\"11\" fill=\"#222222\">"
        for tick in ticks {
            let x = left + Double(tick) * scale
            out += "<line x1=\"\(number(x))\" y1=\"\(number(top - 4))\" x2=\"\(number(x))\" y2=\"\(number(bottom))\" stroke=\"#cccccc\"/>"
            out += "<text x=\"\(number(x))\" y=\"\(number(bottom + 14))\" text-anchor=\"middle\">\(tick)</text>"
        }
        for (index, category) in chart.categories.enumerated() {
            let y = top + Double(index) * (row + gap)
            out += "<text x=\"\(number(left - 6))\" y=\"\(number(y + row / 2))\" text-anchor=\"end\" dominant-baseline=\"central\">\(htmlEscape(category))</text>"
            var x = left
            for series in chart.series where series.values[index] > 0 {
                let width = Double(series.values[index]) * scale
                out += segment(x: x, y: y, width: width, height: row, colour: series.colour, id: id)
                if width >= Double(String(series.values[index]).count) * 7 + 4 {
                    out += valueLabel(series.values[index], x: x + width / 2, y: y + row / 2, colour: series.colour)
                }
                x += width
            }
            // The total after the bar, so that a segment too narrow for its count is still accounted for.
            out += "<text x=\"\(number(x + 4))\" y=\"\(number(y + row / 2))\" dominant-baseline=\"central\">\(totals[index])</text>"
        }
        out += "<line x1=\"\(number(left))\" y1=\"\(number(top - 4))\" x2=\"\(number(left))\" y2=\"\(number(bottom))\" stroke=\"#222222\"/>"
        out += "<line x1=\"\(number(left))\" y1=\"\(number(bottom))\" x2=\"\(number(right))\" y2=\"\(number(bottom))\" stroke=\"#222222\"/>"
        out += axisTitles(chart, valueAt: ((left + right) / 2, bottom + 32), categoryAt: (10, (top + bottom) / 2))
        return (bottom + 40, out + "</g>")
    }

    /// Vertical columns, a category (a board date) per column; the value axis (with its title) on the left.
    static func columns(_ chart: Chart, id: String) -> (height: Double, content: String) {
        let left = 62.0, right = chartWidth - 16, top = 34.0, bottom = 190.0
        let totals = chart.categories.indices.map { index in chart.series.reduce(0) { $0 + $1.values[index] } }
        let ticks = ticks(upTo: totals.max() ?? 0)
        let scale = (bottom - top) / Double(ticks.last!)
        let slot = (right - left) / Double(max(chart.categories.count, 1))
        let width = min(56, slot * 0.6)
        var out = "<g font-size=\"11\" fill=\"#222222\">"
        for tick in ticks {
            let y = bottom - Double(tick) * scale
            out += "<line x1=\"\(number(left))\" y1=\"\(number(y))\" x2=\"\(number(right))\" y2=\"\(number(y))\" stroke=\"#cccccc\"/>"
            out += "<text x=\"\(number(left - 6))\" y=\"\(number(y))\" text-anchor=\"end\" dominant-baseline=\"central\">\(tick)</text>"
        }
        // Dates turn when the columns are too close for them to sit level.
        let turned = slot < 72
        for (index, category) in chart.categories.enumerated() {
            let x = left + slot * (Double(index) + 0.5) - width / 2
            var y = bottom
            for series in chart.series where series.values[index] > 0 {
                let height = Double(series.values[index]) * scale
                y -= height
                out += segment(x: x, y: y, width: width, height: height, colour: series.colour, id: id)
                if height >= 13, width >= Double(String(series.values[index]).count) * 7 + 4 {
                    out += valueLabel(series.values[index], x: x + width / 2, y: y + height / 2, colour: series.colour)
                }
            }
            let centre = x + width / 2
            out += "<text x=\"\(number(centre))\" y=\"\(number(y - 4))\" text-anchor=\"middle\">\(totals[index])</text>"
            out += turned
                ? "<text x=\"\(number(centre))\" y=\"\(number(bottom + 12))\" text-anchor=\"end\" transform=\"rotate(-35 \(number(centre)) \(number(bottom + 12)))\">\(htmlEscape(category))</text>"
                : "<text x=\"\(number(centre))\" y=\"\(number(bottom + 15))\" text-anchor=\"middle\">\(htmlEscape(category))</text>"
        }
        out += "<line x1=\"\(number(left))\" y1=\"\(number(top - 4))\" x2=\"\(number(left))\" y2=\"\(number(bottom))\" stroke=\"#222222\"/>"
        out += "<line x1=\"\(number(left))\" y1=\"\(number(bottom))\" x2=\"\(number(right))\" y2=\"\(number(bottom))\" stroke=\"#222222\"/>"
        let below = bottom + (turned ? 70 : 36)
        out += axisTitles(chart, valueAt: (14, (top + bottom) / 2), categoryAt: ((left + right) / 2, below), valueTurned: true)
        return (below + 10, out + "</g>")
    }

    /// The two axis titles, in bold; the one along the vertical axis turned to read upwards.
    static func axisTitles(_ chart: Chart, valueAt: (Double, Double), categoryAt: (Double, Double), valueTurned: Bool = false) -> String {
        func title(_ text: String, _ at: (Double, Double), turned: Bool, cls: String) -> String {
            let transform = turned ? " transform=\"rotate(-90 \(number(at.0)) \(number(at.1)))\"" : ""
            return "<text class=\"\(cls)\" x=\"\(number(at.0))\" y=\"\(number(at.1))\" text-anchor=\"middle\" font-size=\"12\" "
                + "font-weight=\"bold\"\(transform)>\(htmlEscape(text))</text>"
        }
        return title(chart.valueAxisTitle, valueAt, turned: valueTurned, cls: "axis-title value-axis")
            + title(chart.categoryAxisTitle, categoryAt, turned: !valueTurned, cls: "axis-title category-axis")
    }

    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
