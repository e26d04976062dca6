using IrsaPS.Core.Errors;

namespace IrsaPS.Core.Policy;

/// <summary>
/// A policy document could not be understood. <see cref="IrsaException.ErrorId"/> is
/// <see cref="ErrorIds.InvalidPolicyJson"/> (not JSON) or <see cref="ErrorIds.MalformedPolicyDocument"/> (JSON, but
/// not a valid IAM policy); <see cref="JsonPath"/> names where (e.g. <c>$.Statement[1].Principal.Federated</c>).
/// </summary>
internal sealed class MalformedPolicyException : IrsaValidationException
{
    public MalformedPolicyException(string errorId, string jsonPath, string problem)
        : base(errorId, $"The policy document is not valid at {jsonPath}: {problem}", jsonPath)
    {
        JsonPath = jsonPath;
        Problem = problem;
    }

    /// <summary>Where the problem is, as a JSON path (<c>$</c> is the whole document).</summary>
    public string JsonPath { get; }

    /// <summary>The problem alone, without the path.</summary>
    public string Problem { get; }
}
