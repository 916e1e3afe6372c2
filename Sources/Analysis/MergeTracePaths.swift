import Foundation

/// Expands trace arguments: a directory stands for the traces in it.
///
/// A directory (not recursive) yields its files named `*.trace`, `*.trace.gz`,
/// `*.trace.zz`, `*.txt` or `*.txt.gz` (trace-cmd report and babeltrace2 text,
/// e.g. `run1.dat.txt`), hidden files excluded, sorted by name so that `-j N`
/// runs and merges list traces in the same order. Other arguments (files, `-`)
/// are kept as they are, and so is a directory without traces (opening it then
/// fails: exit 66, "is a directory").
public enum TracePaths {
    /// The file name endings a directory's traces have.
    public static let suffixes = [".trace", ".trace.gz", ".trace.zz", ".txt", ".txt.gz"]

    /// Expands `arguments`; a directory without traces stays as it is.
    public static func expand(_ arguments: [String]) -> [String] {
        var paths: [String] = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard argument != "-", FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory),
                isDirectory.boolValue
            else {
                paths.append(argument)
                continue
            }
            let found = traces(in: argument)
            paths.append(contentsOf: found.isEmpty ? [argument] : found)
        }
        return paths
    }

    /// The traces in one directory, sorted by name.
    public static func traces(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        return names.filter { name in
            !name.hasPrefix(".") && suffixes.contains { name.hasSuffix($0) }
                && !isDirectory(base + name)
        }
        .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        .map { base + $0 }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
    }
}
