namespace Nap.UnitGen.Rendering;

/// <summary>Options or image values that no unit can express; the message is one line for the user.</summary>
public sealed class RenderException(string message) : Exception(message);
