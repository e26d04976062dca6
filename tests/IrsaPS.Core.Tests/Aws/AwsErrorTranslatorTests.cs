using System;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Amazon.Runtime;
using IrsaPS.Core.Aws;
using IrsaPS.Core.Aws.Runtime;
using IrsaPS.Core.Errors;
using Xunit;

namespace IrsaPS.Core.Tests.Aws;

/// <summary>How service errors become AmazonServiceExceptions (for the SDK's retries) and then typed IrsaPS errors.</summary>
public sealed class AwsErrorTranslatorTests
{
    [Theory]
    [InlineData("NoSuchEntity", ErrorIds.AwsResourceNotFound, IrsaErrorKind.NotFound)]
    [InlineData("ResourceNotFoundException", ErrorIds.AwsResourceNotFound, IrsaErrorKind.NotFound)]
    [InlineData("EntityAlreadyExists", ErrorIds.AwsResourceAlreadyExists, IrsaErrorKind.AlreadyExists)]
    [InlineData("LimitExceeded", ErrorIds.AwsLimitExceeded, IrsaErrorKind.LimitExceeded)]
    [InlineData("MalformedPolicyDocument", ErrorIds.AwsInvalidRequest, IrsaErrorKind.InvalidArgument)]
    [InlineData("InvalidInput", ErrorIds.AwsInvalidRequest, IrsaErrorKind.InvalidArgument)]
    [InlineData("AccessDenied", ErrorIds.AwsAccessDenied, IrsaErrorKind.PermissionDenied)]
    [InlineData("AccessDeniedException", ErrorIds.AwsAccessDenied, IrsaErrorKind.PermissionDenied)]
    [InlineData("UnauthorizedOperation", ErrorIds.AwsAccessDenied, IrsaErrorKind.PermissionDenied)]
    [InlineData("InvalidClientTokenId", ErrorIds.AwsAuthenticationFailed, IrsaErrorKind.AuthenticationFailed)]
    [InlineData("SignatureDoesNotMatch", ErrorIds.AwsAuthenticationFailed, IrsaErrorKind.AuthenticationFailed)]
    [InlineData("ExpiredToken", ErrorIds.AwsAuthenticationFailed, IrsaErrorKind.AuthenticationFailed)]
    [InlineData("ConcurrentModification", ErrorIds.AwsConcurrentModification, IrsaErrorKind.Conflict)]
    [InlineData("DeleteConflict", ErrorIds.AwsDeleteConflict, IrsaErrorKind.Conflict)]
    [InlineData("Throttling", ErrorIds.AwsThrottled, IrsaErrorKind.ServiceError)]
    [InlineData("ServiceFailure", ErrorIds.AwsServiceError, IrsaErrorKind.ServiceError)]
    [InlineData(null, ErrorIds.AwsServiceError, IrsaErrorKind.ServiceError)]
    public void Classify_MapsAwsCodesToErrorIdsAndKinds(string? code, string errorId, IrsaErrorKind kind)
    {
        Assert.Equal((errorId, kind), AwsErrorTranslator.Classify(code));
    }

    [Fact]
    public void ServiceError_CarriesCodeStatusRequestIdAndAHint()
    {
        var failure = new AmazonServiceException("User: arn:aws:iam::123456789012:user/ci is not authorized to perform: iam:CreateRole", null, ErrorType.Sender, "AccessDenied", "req-42", HttpStatusCode.Forbidden);

        var ex = Assert.IsType<AwsServiceException>(AwsErrorTranslator.Translate("IAM", "CreateRole", "app", failure, false));

        Assert.Equal(ErrorIds.AwsAccessDenied, ex.ErrorId);
        Assert.Equal(IrsaErrorKind.PermissionDenied, ex.Kind);
        Assert.Equal("AccessDenied", ex.AwsErrorCode);
        Assert.Equal(403, ex.HttpStatusCode);
        Assert.Equal("req-42", ex.RequestId);
        Assert.Equal("app", ex.Target);
        Assert.Same(failure, ex.InnerException);
        Assert.StartsWith("IAM CreateRole 'app' failed: AccessDenied (HTTP 403): User: arn:aws:iam::123456789012:user/ci is not authorized", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not allowed", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("Request id: req-42.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConnectionFailure_BecomesConnectionFailed()
    {
        var failure = new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused));

        var ex = Assert.IsType<AwsServiceException>(AwsErrorTranslator.Translate("EKS", "DescribeCluster", "prod", failure, false));

        Assert.Equal(ErrorIds.AwsConnectionFailed, ex.ErrorId);
        Assert.Equal(IrsaErrorKind.ConnectionFailed, ex.Kind);
        Assert.Null(ex.AwsErrorCode);
        Assert.Null(ex.HttpStatusCode);
    }

    [Fact]
    public void TimeoutWithoutCancellation_BecomesTimeout_ButRequestedCancellationPropagates()
    {
        var timeout = AwsErrorTranslator.Translate("IAM", "ListRoles", null, new TaskCanceledException(), cancellationRequested: false);
        var cancelled = AwsErrorTranslator.Translate("IAM", "ListRoles", null, new OperationCanceledException(), cancellationRequested: true);

        Assert.Equal(ErrorIds.AwsRequestTimeout, Assert.IsType<AwsServiceException>(timeout).ErrorId);
        Assert.Equal(IrsaErrorKind.Timeout, ((AwsServiceException)timeout!).Kind);
        Assert.Null(cancelled);
    }

    [Fact]
    public void IrsaExceptions_PassThroughUnchanged()
    {
        Assert.Null(AwsErrorTranslator.Translate("IAM", "GetRole", "x", new IrsaValidationException(ErrorIds.InvalidRoleName, "bad"), false));
    }

    [Fact]
    public void CredentialFailureAtCallTime_BecomesAuthenticationFailed()
    {
        var ex = AwsErrorTranslator.Translate("IAM", "GetRole", "x", new AmazonClientException("Unable to get credentials: the SSO token has expired"), false);

        Assert.Equal(ErrorIds.AwsCredentialsNotFound, Assert.IsType<AwsServiceException>(ex).ErrorId);
        Assert.Equal(IrsaErrorKind.AuthenticationFailed, ((AwsServiceException)ex!).Kind);
    }

    [Fact]
    public void UnreadableAnswer_BecomesInvalidResponse()
    {
        var ex = AwsErrorTranslator.Translate("EKS", "DescribeCluster", "x", new System.Text.Json.JsonException("bad"), false);

        Assert.Equal(ErrorIds.AwsInvalidResponse, Assert.IsType<AwsServiceException>(ex).ErrorId);
        Assert.Equal(IrsaErrorKind.InvalidData, ((AwsServiceException)ex!).Kind);
    }

    [Fact]
    public void QueryXmlError_IsParsedForTheRetryPolicy()
    {
        const string body = "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>abc</RequestId></ErrorResponse>";

        var ex = ServiceErrors.FromQueryXml(Encoding.UTF8.GetBytes(body), null, null, HttpStatusCode.BadRequest);

        Assert.Equal("Throttling", ex.ErrorCode);
        Assert.Equal("Rate exceeded", ex.Message);
        Assert.Equal("abc", ex.RequestId);
        Assert.Equal(ErrorType.Sender, ex.ErrorType);
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
    }

    [Fact]
    public void NonXmlErrorBody_KeepsTheStatus_AsAReceiverError()
    {
        var ex = ServiceErrors.FromQueryXml(Encoding.UTF8.GetBytes("<!doctype html><html><body>Bad gateway"), null, null, HttpStatusCode.BadGateway);

        Assert.Null(ex.ErrorCode);
        Assert.Equal(ErrorType.Receiver, ex.ErrorType);
        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
    }

    [Theory]
    [InlineData("{\"__type\":\"com.amazonaws.eks#ResourceNotFoundException\",\"message\":\"No cluster\"}", "ResourceNotFoundException", "No cluster")]
    [InlineData("{\"code\":\"ThrottlingException\",\"Message\":\"Slow down\"}", "ThrottlingException", "Slow down")]
    [InlineData("not json", null, "")]
    public void RestJsonError_IsParsed(string body, string? code, string message)
    {
        var ex = ServiceErrors.FromRestJson(Encoding.UTF8.GetBytes(body), null, null, HttpStatusCode.NotFound);

        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal(message, ex.Message);
    }

    [Theory]
    [InlineData("ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.eks/", "ResourceNotFoundException")]
    [InlineData("aws.eks#InvalidParameterException", "InvalidParameterException")]
    [InlineData("ThrottlingException", "ThrottlingException")]
    [InlineData("", null)]
    public void JsonErrorTypeHeader_IsCleaned(string header, string? code)
    {
        Assert.Equal(code, ServiceErrors.CleanJsonCode(header));
    }

    [Theory]
    [InlineData("{\"Version\":\"2012-10-17\"}", "{\"Version\":\"2012-10-17\"}")]
    [InlineData("%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D", "{\"Version\":\"2012-10-17\",\"Statement\":[]}")]
    [InlineData("  {\"a\":\"100%\"}", "  {\"a\":\"100%\"}")]
    [InlineData("%7B%22s%22%3A%22a%20b%2Bc%22%7D", "{\"s\":\"a b+c\"}")]
    public void PolicyDocuments_AreDecodedOnlyWhenUrlEncoded(string text, string expected)
    {
        Assert.Equal(expected, PolicyDocumentText.Decode(text));
    }

    [Fact]
    public void CallCounter_CountsAndForwards()
    {
        var inner = new AwsCallCounter();
        var counter = new AwsCallCounter(inner);

        counter.OnCallStarting(new AwsCallStart("IAM", "ListRoles", null));
        counter.OnAttempt(new AwsAttempt("IAM", "ListRoles", 1, 400, "Throttling", null, TimeSpan.Zero));
        counter.OnAttempt(new AwsAttempt("IAM", "ListRoles", 2, 200, null, null, TimeSpan.Zero));

        Assert.Equal(1, counter.Calls("IAM", "ListRoles"));
        Assert.Equal(2, counter.Attempts("IAM", "ListRoles"));
        Assert.Equal(0, counter.Calls("IAM", "GetRole"));
        Assert.Equal(2, inner.TotalAttempts);
        Assert.Equal("IAM ListRoles attempt 1: HTTP 400 Throttling in 0 ms", counter.AttemptLog()[0].ToString());
        Assert.Equal("IAM CreateRole app", new AwsCallStart("IAM", "CreateRole", "app").ToString());
        counter.Reset();
        Assert.Equal(0, counter.TotalCalls);
    }
}
