import Analysis

/// Parses `check=reason` arguments into an expectations dictionary; `nil` names the bad argument.
public func parseExpectations(_ arguments: [String]) -> (expectations: [CheckName: String], invalid: String?) {
    var expectations: [CheckName: String] = [:]
    for argument in arguments {
        guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
            return (expectations, argument)
        }
        expectations[CheckName(String(argument[..<equals]))] = String(argument[argument.index(after: equals)...])
    }
    return (expectations, nil)
}
