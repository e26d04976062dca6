using System.Text.Json;

namespace IrsaPS.Core.Policy;

/// <summary>
/// A field IrsaPS does not model (at document or statement level). It is kept, in place, so that editing a
/// document written by someone else never drops anything.
/// </summary>
internal sealed record PolicyExtraField(string Name, JsonElement Value);
