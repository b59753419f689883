// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Runtime.Versioning;

[assembly: SupportedOSPlatform("linux")]
