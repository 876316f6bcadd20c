import LayerCheck
import Testing

/// The checker on this repository itself.
@Suite("Repository tree")
struct RepositoryTreeTests {
    @Test("the repository's packages follow the layering")
    func repositoryPasses() async throws {
        let report = try await LayerCheckReport.checking(root: TreeLocations.repositoryRoot)
        #expect(report.violations == [], "\(report.text)")
        #expect(
            Set(report.graph.packages.map(\.directoryName)) == Set(LocalPackage.allCases.map(\.name)))
        #expect(report.graph.sourceFileCount > 0)
    }
}
