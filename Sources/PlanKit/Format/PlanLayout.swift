/// Where a plan file's themes, recommendations and actions lie in its bytes,
/// as ``StrictScanner`` found them.
package struct PlanLayout: Sendable {
    package var themes: [Range<Int>] = []
    package var recommendations: [Range<Int>] = []
    package var actions: [Range<Int>] = []
    /// When only some actions were read (``PlanLoader/actionForChange(bytes:today:keeping:)``),
    /// each read action's position in the file's list of actions.
    package var actionPositions: [Int]?
}
