// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using TeamFw.Cli.Teamdctl;
using Xunit;

namespace TeamFw.Tests.Control;

/// <summary>teamdctl's state view: the runner's and link watchers' parts come from their descriptors, and the
/// text is what it was when the view switched on their names.</summary>
public sealed class StateViewTests
{
    public static TheoryData<int, int> Cases
    {
        get
        {
            var cases = new TheoryData<int, int>();
            for (int doc = 0; doc < StateViewDocs.All.Length; doc++)
            {
                cases.Add(doc, 1);
                cases.Add(doc, 2);
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_EveryRunnerShapeAndWatcher_SameTextAsBefore(int doc, int verbosity)
    {
        Assert.Equal(StateViewGolden.For(doc, verbosity), StateView.Render(StateViewDocs.All[doc], verbosity));
    }
}
