/// Where a plan file's themes, recommendations and actions lie in its bytes,
/// as ``StrictScanner`` found them.
package struct PlanLayout: Sendable {
    package var themes: [Range<Int>] = []
    package var recommendations: [Range<Int>] = []
    package var actions: [Range<Int>] = []
}
