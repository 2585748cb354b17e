using System.Text;

namespace Nap.UnitGen.Parsing.Evaluation;

internal sealed partial class ShellLexer
{
    private string Dollar()
    {
        Next();
        if (Peek() != '{')
        {
            var plain = Name();
            return plain.Length == 0 ? "$" : _lookup(plain) ?? "";
        }

        Next();
        if (AtEnd)
            throw new ExpansionException("syntax error: missing '}'");
        if (Peek() is '{' or '}' or ':')
            throw new ExpansionException("syntax error: bad substitution");

        var name = Name();
        if (name.Length == 0)
            throw new ExpansionException("syntax error: bad substitution");
        if (AtEnd)
            throw new ExpansionException("syntax error: missing '}'");

        var modifier = Next();
        var value = _lookup(name);
        switch (modifier)
        {
            case '}':
                return value ?? "";
            case ':':
                var colonModifier = Next();
                if (colonModifier is not ('-' or '+' or '?'))
                    throw new ExpansionException($"unsupported modifier (:{colonModifier}) in substitution; use :-, :+ or :?");
                return Conditional(name, value, colonModifier, nullIsUnset: true);
            case '-' or '+' or '?':
                return Conditional(name, value, modifier, nullIsUnset: false);
            case '#' or '%':
                return Trim(value ?? "", modifier);
            case '/':
                return Replace(value ?? "");
            default:
                throw new ExpansionException($"unsupported modifier ({modifier}) in substitution");
        }
    }

    private string Conditional(string name, string? value, char modifier, bool nullIsUnset)
    {
        var word = Word('}', rawEscapes: false);
        var unset = value is null || (nullIsUnset && value.Length == 0);
        return modifier switch
        {
            '-' => unset ? word : value!,
            '+' => unset ? "" : word,
            _ when value is null => throw new ExpansionException($"{name}: {(word.Length > 0 ? word : "is not allowed to be unset")}"),
            _ when unset => throw new ExpansionException($"{name}: {(word.Length > 0 ? word : "is not allowed to be empty")}"),
            _ => value,
        };
    }

    private string Word(char stop, bool rawEscapes)
    {
        try
        {
            return Process(stop, rawEscapes).Result;
        }
        catch (ExpansionException) when (AtEnd)
        {
            throw new ExpansionException("syntax error: missing '}'");
        }
    }

    private string Name()
    {
        var name = new StringBuilder();
        while (!AtEnd)
        {
            var ch = Peek();
            if (name.Length == 0 && char.IsAsciiDigit(ch))
            {
                while (!AtEnd && char.IsAsciiDigit(Peek()))
                    name.Append(Next());
                return name.ToString();
            }
            if (name.Length == 0 && ch is '@' or '*' or '#' or '?' or '-' or '$' or '!')
                return Next().ToString();
            if (!char.IsLetterOrDigit(ch) && ch != '_')
                break;
            name.Append(Next());
        }
        return name.ToString();
    }
}
