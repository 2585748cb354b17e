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
            if (plain.Length == 0)
                return "$";
            return _lookup(plain) ?? (_skipUnset ? "$" + plain : "");
        }

        Next();
        if (AtEnd)
            throw new ExpansionException("syntax error: missing '}'");
        if (Peek() is '{' or '}' or ':')
            throw new ExpansionException("syntax error: bad substitution");

        var name = Name();
        if (AtEnd)
            throw new ExpansionException("syntax error: missing '}'");

        var modifier = Next();
        var value = _lookup(name);
        var unset = value is null && _skipUnset;
        switch (modifier)
        {
            case '}':
                return unset ? $"${{{name}}}" : value ?? "";
            case ':':
                var colonModifier = Next();
                if (colonModifier is '#' or '%')
                    throw Unsupported($":{colonModifier}");
                var colonWord = Word('}', rawEscapes: false);
                if (unset)
                    return $"${{{name}:{colonModifier}{colonWord}}}";
                if (colonModifier is not ('-' or '+' or '?'))
                    throw Unsupported($":{colonModifier}");
                return Conditional(name, value, colonModifier, colonWord, nullIsUnset: true);
            case '-' or '+' or '?':
                var word = Word('}', rawEscapes: false);
                return unset ? $"${{{name}{modifier}{word}}}" : Conditional(name, value, modifier, word, nullIsUnset: false);
            case '#' or '%':
                var pattern = Word('}', rawEscapes: true);
                return unset ? $"${{{name}{modifier}{pattern}}}" : Trim(value ?? "", modifier, pattern);
            case '/':
                return Replace(name, value);
            default:
                throw Unsupported(modifier.ToString());
        }
    }

    private static ExpansionException Unsupported(string modifier) =>
        new(modifier.StartsWith(':')
            ? $"unsupported modifier ({modifier}) in substitution; use :-, :+ or :?"
            : $"unsupported modifier ({modifier}) in substitution");

    private static string Conditional(string name, string? value, char modifier, string word, bool nullIsUnset)
    {
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
