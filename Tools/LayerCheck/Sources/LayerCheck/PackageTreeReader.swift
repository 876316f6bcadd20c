import Foundation

/// Reads a repository tree into a ``PackageGraph``: one node per directory under `<root>/Packages/`,
/// from its manifest (through `swift package dump-package`, all packages at once) and the Swift
/// files under its `Sources/`.
public struct PackageTreeReader: Sendable {
    /// Why a tree cannot be read at all.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What is wrong with the tree.
        public var description: String
    }

    /// The checked repository's root, canonical (absolute, symbolic links resolved).
    public var root: URL
    /// Runs `dump-package`.
    public var dumper: ManifestDumper

    /// Creates a reader of the tree at `root`.
    public init(root: URL, dumper: ManifestDumper = ManifestDumper()) {
        self.root = URL(fileURLWithPath: DeclaredPackagePaths.canonicalPath(root), isDirectory: true)
        self.dumper = dumper
    }

    /// `<root>/Packages`.
    public var packagesDirectory: URL { root.appendingPathComponent("Packages", isDirectory: true) }

    /// The graph of the tree's packages.
    ///
    /// - Throws: ``Failure`` when `<root>/Packages` is not a directory.
    public func read() async throws -> PackageGraph {
        let directories = try packageDirectoryNames()
        let nodes = await withTaskGroup(of: PackageNode.self) { group in
            for name in directories {
                group.addTask { await readPackage(named: name) }
            }
            var nodes: [PackageNode] = []
            for await node in group { nodes.append(node) }
            return nodes
        }
        return PackageGraph(packages: nodes)
    }

    /// The names of the (non-hidden) directories under `<root>/Packages`.
    func packageDirectoryNames() throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: packagesDirectory.path, isDirectory: &isDirectory),
            isDirectory.boolValue
        else { throw Failure(description: "\(packagesDirectory.path) is not a directory") }
        let entries = try FileManager.default.contentsOfDirectory(atPath: packagesDirectory.path)
        return entries.filter { entry in
            var isDirectory: ObjCBool = false
            let path = packagesDirectory.appendingPathComponent(entry).path
            return !entry.hasPrefix(".") && FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }

    /// The node for `Packages/<name>`.
    func readPackage(named name: String) async -> PackageNode {
        let directory = packagesDirectory.appendingPathComponent(name, isDirectory: true)
        let (imports, fileCount) = scanSources(of: name)
        var node = PackageNode(directoryName: name, imports: imports, sourceFileCount: fileCount)
        let manifestURL = directory.appendingPathComponent("Package.swift")
        guard FileManager.default.fileExists(atPath: manifestURL.path) else {
            node.manifest = .missing
            return node
        }
        guard LocalPackage(name: name) != nil else { return node }  // Unknown: reported by name alone.
        let dump: ManifestDump
        do {
            dump = try ManifestDump(json: try await dumper.dump(packageAt: directory))
        } catch {
            node.manifest = .unreadable("\(error)")
            return node
        }
        let declared = DeclaredPackagePaths.paths(in: (try? String(contentsOf: manifestURL, encoding: .utf8)) ?? "")
        node.manifest = .read(declaredName: dump.name)
        node.modules = dump.modules
        node.externalDependencies = dump.externalDependencies
        node.localDependencies = dump.dependencies.compactMap { dependency in
            guard let path = dependency.path else { return nil }
            let canonical = DeclaredPackagePaths.canonicalPath(URL(fileURLWithPath: path))
            return LocalDependency(
                name: URL(fileURLWithPath: canonical).lastPathComponent,
                location: relativeToRoot(canonical),
                declaredPath: DeclaredPackagePaths.declaration(of: path, among: declared, packageDirectory: directory))
        }
        return node
    }

    /// The imports in, and the number of, the Swift files under `Packages/<name>/Sources`.
    func scanSources(of name: String) -> (imports: [SourceImport], fileCount: Int) {
        let sources = packagesDirectory.appendingPathComponent(name).appendingPathComponent("Sources")
        guard let enumerator = FileManager.default.enumerator(atPath: sources.path) else { return ([], 0) }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.hasSuffix(".swift") { files.append(relative) }
        }
        var imports: [SourceImport] = []
        for relative in files.sorted() {
            let text = (try? String(contentsOf: sources.appendingPathComponent(relative), encoding: .utf8)) ?? ""
            imports += ImportScanner.imports(in: text, file: "Packages/\(name)/Sources/\(relative)")
        }
        return (imports, files.count)
    }

    /// `path` (canonical) relative to the root, or unchanged when it is outside the root. A path
    /// under the canonical `Packages/` counts as under the root even when `Packages` is a link.
    func relativeToRoot(_ path: String) -> String {
        let packages = DeclaredPackagePaths.canonicalPath(packagesDirectory) + "/"
        if path.hasPrefix(packages) { return "Packages/" + path.dropFirst(packages.count) }
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
