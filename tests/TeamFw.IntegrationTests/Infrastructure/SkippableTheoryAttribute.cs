// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace TeamFw.IntegrationTests.Infrastructure;

/// <summary>
/// A theory whose cases can decide while they run that they must be skipped (<see cref="SkipTestException"/>),
/// as <see cref="SkippableFactAttribute"/> does for a fact: one <see cref="SkippableTestCase"/> per data row.
/// </summary>
[XunitTestCaseDiscoverer("TeamFw.IntegrationTests.Infrastructure.SkippableTheoryDiscoverer", "TeamFw.IntegrationTests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class SkippableTheoryAttribute : TheoryAttribute
{
}

public sealed class SkippableTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow)
        => [new SkippableTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, dataRow)];
}
