using System;
using System.IO;
using System.Text.Json;
using System.Threading;

namespace IrsaPS.Core.Activity;

/// <summary>
/// Streams the records of one CloudTrail log file (<c>{"Records": [...]}</c>, plain or gzip as trails deliver them to
/// S3) without building the file's object graph: a <see cref="Utf8JsonReader"/> walks a buffer refilled from the stream,
/// and each element of <c>Records</c> is handed over as the slice of bytes it occupies once it is complete. Memory is
/// one buffer (64 KiB, doubled only for a record larger than it) whatever the file's size.
/// </summary>
internal static class TrailFileReader
{
    private const int InitialBuffer = 64 * 1024;

    /// <summary>A record: its bytes are <c>buffer[offset..offset+count]</c>, valid only during the call.</summary>
    public delegate void RecordHandler(byte[] buffer, int offset, int count);

    /// <summary>Calls <paramref name="onRecord"/> for every element of the top-level <c>Records</c> array; returns how many.</summary>
    /// <exception cref="JsonException">The file is not valid JSON (e.g. truncated); the records before the fault were handed over.</exception>
    public static long Read(Stream stream, RecordHandler onRecord, CancellationToken cancellationToken = default)
    {
        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }

        if (onRecord is null)
        {
            throw new ArgumentNullException(nameof(onRecord));
        }

        var buffer = new byte[InitialBuffer];
        int start = 0, length = 0;
        var final = false;
        var state = new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        bool recordsNext = false, inRecords = false;
        long records = 0;
        while (true)
        {
            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(buffer, start, length - start), final, state);
            long consumed;
            while (true)
            {
                var before = reader.CurrentState;
                var beforeConsumed = reader.BytesConsumed;
                if (!reader.Read())
                {
                    consumed = reader.BytesConsumed;
                    state = reader.CurrentState;
                    break;
                }

                if (inRecords && reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == 2)
                {
                    var recordStart = (int)reader.TokenStartIndex;
                    if (!reader.TrySkip())
                    {
                        // The record is not all in the buffer yet: read it again from its start after the next refill.
                        consumed = beforeConsumed;
                        state = before;
                        break;
                    }

                    onRecord(buffer, start + recordStart, (int)reader.BytesConsumed - recordStart);
                    records++;
                    cancellationToken.ThrowIfCancellationRequested();
                    continue;
                }

                if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName)
                {
                    recordsNext = reader.ValueTextEquals("Records");
                }
                else if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.StartArray)
                {
                    inRecords = recordsNext;
                    recordsNext = false;
                }
                else if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.EndArray)
                {
                    inRecords = false;
                }
            }

            start += (int)consumed;
            if (final)
            {
                return records;
            }

            // Keep the unread bytes, make room (doubling only when one token or record fills the whole buffer), refill.
            var unread = length - start;
            if (unread == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            else if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, unread);
            }

            // Fill the buffer before reading on: a stream that answers a few bytes at a time must not make a record be
            // re-read from its start after every few bytes.
            start = 0;
            length = unread;
            while (length < buffer.Length)
            {
                var read = stream.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                {
                    final = true;
                    break;
                }

                length += read;
            }
        }
    }
}
