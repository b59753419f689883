// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Runtime.Versioning;

// Like TeamFw itself: the code under test is Linux-only (CA1416).
[assembly: SupportedOSPlatform("linux")]
