using System;
using IrsaPS.Core.Activity;
using IrsaPS.Core.Errors;
using Xunit;

namespace IrsaPS.Core.Tests.Activity;

public sealed class ActivityWindowTests
{
    private static readonly DateTime Now = new(2024, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void TheDefaultIsTheLastSevenDays_AndDaysOrStartChooseTheStart()
    {
        Assert.Equal(new ActivityWindow(Now.AddDays(-7), Now), ActivityWindow.Resolve(null, null, null, lookupEvents: true, Now));
        Assert.Equal(new ActivityWindow(Now.AddDays(-90), Now), ActivityWindow.Resolve(90, null, null, lookupEvents: true, Now));
        Assert.Equal(new ActivityWindow(Now.AddDays(-40), Now.AddDays(-10)), ActivityWindow.Resolve(30, null, Now.AddDays(-10), lookupEvents: true, Now));
        Assert.Equal(new ActivityWindow(Now.AddDays(-3), Now), ActivityWindow.Resolve(null, Now.AddDays(-3), Now.AddDays(5), lookupEvents: true, Now));
    }

    [Theory]
    [InlineData(0, null, null)]
    [InlineData(91, null, null)]
    [InlineData(7, -2.0, null)]
    [InlineData(null, -91.0, null)]
    [InlineData(null, -1.0, -2.0)]
    public void BadWindows_FailBeforeAnyCall(int? days, double? startDays, double? endDays)
    {
        var error = Assert.Throws<IrsaValidationException>(() => ActivityWindow.Resolve(
            days, startDays is null ? null : Now.AddDays(startDays.Value), endDays is null ? null : Now.AddDays(endDays.Value), lookupEvents: true, Now));
        Assert.Equal(ErrorIds.InvalidActivityWindow, error.ErrorId);
    }

    [Fact]
    public void TrailFiles_ReachFurtherBackThanLookupEvents()
    {
        Assert.Equal(Now.AddDays(-400), ActivityWindow.Resolve(400, null, null, lookupEvents: false, Now).Start);
        Assert.Equal(Now.AddDays(-200), ActivityWindow.Resolve(null, Now.AddDays(-200), null, lookupEvents: false, Now).Start);
    }
}
