// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;

namespace TeamFw.Lab;

/// <summary>A lab step failed; the message is printed as is after "teamfw lab: ".</summary>
internal sealed class LabException : Exception
{
    public LabException(string message) : base(message)
    {
    }

    public LabException(string message, Exception inner) : base(message, inner)
    {
    }
}
