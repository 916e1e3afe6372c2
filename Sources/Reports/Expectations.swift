import Analysis

/// Parses `check=reason` arguments into an expectations dictionary, each checked against the
/// check table (``ExpectedFailure``); `invalid` is the first refused argument and `error` says why.
public func parseExpectations(_ arguments: [String]) -> (
    expectations: [CheckName: String], invalid: String?, error: ExpectedFailureError?
) {
    var expectations: [CheckName: String] = [:]
    for argument in arguments {
        do {
            let expected = try ExpectedFailure.parse(argument)
            expectations[expected.check] = expected.reason
        } catch {
            return (expectations, argument, error)
        }
    }
    return (expectations, nil, nil)
}
