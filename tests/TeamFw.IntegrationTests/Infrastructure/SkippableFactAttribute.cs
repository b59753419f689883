// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace TeamFw.IntegrationTests.Infrastructure;

/// <summary>
/// A fact that can decide while it runs that it must be skipped (<see cref="SkipTestException"/>).
/// xunit 2 only knows skips decided at discovery: this test case reports a test that failed with a
/// SkipTestException as skipped, with the exception's message as the reason.
/// </summary>
[XunitTestCaseDiscoverer("TeamFw.IntegrationTests.Infrastructure.SkippableFactDiscoverer", "TeamFw.IntegrationTests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class SkippableFactAttribute : FactAttribute
{
}

public sealed class SkippableFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
        => new SkippableTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
}

public sealed class SkippableTestCase : XunitTestCase
{
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer only")]
    public SkippableTestCase()
    {
    }

    public SkippableTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod, object[]? testMethodArguments = null)
        : base(diagnosticMessageSink, display, options, testMethod, testMethodArguments)
    {
    }

    public override async Task<RunSummary> RunAsync(IMessageSink diagnosticMessageSink, IMessageBus messageBus, object[] constructorArguments, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
    {
        using var bus = new SkipTranslatingBus(messageBus);
        RunSummary summary = await base.RunAsync(diagnosticMessageSink, bus, constructorArguments, aggregator, cancellationTokenSource);
        summary.Failed -= bus.Skipped;
        summary.Skipped += bus.Skipped;
        return summary;
    }

    /// <summary>Passes every message on, a failure by SkipTestException as a skip.</summary>
    private sealed class SkipTranslatingBus(IMessageBus inner) : IMessageBus
    {
        private static readonly string s_skipType = typeof(SkipTestException).FullName!;

        public int Skipped { get; private set; }

        public bool QueueMessage(IMessageSinkMessage message)
        {
            if (message is ITestFailed failed && failed.ExceptionTypes.Length > 0 && failed.ExceptionTypes[0] == s_skipType)
            {
                Skipped++;
                return inner.QueueMessage(new TestSkipped(failed.Test, failed.Messages[0]));
            }

            return inner.QueueMessage(message);
        }

        public void Dispose()
        {
            // The inner bus belongs to the runner.
        }
    }
}
