// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

namespace TeamFw;

internal static class Program
{
    private static int Main(string[] args)
    {
        System.Console.WriteLine("teamfw");
        return args.Length == 0 ? 0 : 2;
    }
}
