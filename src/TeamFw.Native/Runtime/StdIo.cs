// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.IO;
using System.Text;
using TeamFw.Native.Interop;

namespace TeamFw.Native.Runtime;

/// <summary>
/// Standard output and standard error as UTF-8 text writers: synchronized, flushed after every
/// write, and quiet when the reader has gone (EPIPE, as after <c>teamfw stats | head -1</c>), which
/// is what System.Console gives teamfw. System.Console itself also sets up the terminal, terminfo
/// and every encoding a locale may name: about 110 KB of the Native AOT binary (ILC map file) that
/// a program which only prints lines does not use.
/// </summary>
public static class StdIo
{
    private const int BufferSize = 4096;

    public static TextWriter Out { get; } = Create(1);

    public static TextWriter Error { get; } = Create(2);

    private static TextWriter Create(int fd)
        => TextWriter.Synchronized(new StreamWriter(new FdWriteStream(fd), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), BufferSize) { AutoFlush = true });

    /// <summary>A write-only stream over a descriptor this process does not own (never closed).</summary>
    private sealed unsafe class FdWriteStream(int fd) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            fixed (byte* p = buffer)
            {
                int off = 0;
                while (off < buffer.Length)
                {
                    nint n = LinuxNative.write(fd, p + off, (nuint)(buffer.Length - off));
                    if (n >= 0)
                    {
                        off += (int)n;
                        continue;
                    }

                    Errno e = LinuxNative.LastErrno();
                    if (e == Errno.EPIPE)
                    {
                        return; // the reader is gone: drop the text, as System.Console does
                    }

                    if (e != Errno.EINTR)
                    {
                        ErrnoException.Throw(e, "write", fd == 1 ? "stdout" : "stderr");
                    }
                }
            }
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
