// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

namespace TeamFw.Lab;

internal static class LabCommand
{
    public static int Run(string[] args)
    {
        System.Console.Error.WriteLine("teamfw lab: not yet");
        return args.Length == 0 ? 2 : 2;
    }
}
