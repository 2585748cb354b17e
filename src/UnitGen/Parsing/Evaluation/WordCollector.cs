using System.Text;

namespace Nap.UnitGen.Parsing.Evaluation;

/// <summary>
/// Gathers the words of a substituted text: blanks from a variable's value split words,
/// blanks inside quotes or escaped do not (buildkit's wordsStruct).
/// </summary>
internal sealed class WordCollector
{
    private readonly List<string> _words = [];
    private readonly StringBuilder _word = new();
    private bool _inWord;

    public void Add(char ch)
    {
        if (!char.IsWhiteSpace(ch))
            AddRaw(ch);
        else if (_inWord && _word.Length > 0)
        {
            _words.Add(_word.ToString());
            _word.Clear();
            _inWord = false;
        }
    }

    public void Add(string text)
    {
        foreach (var ch in text)
            Add(ch);
    }

    public void AddRaw(char ch)
    {
        _word.Append(ch);
        _inWord = true;
    }

    public void AddRaw(string text)
    {
        _word.Append(text);
        _inWord = true;
    }

    public IReadOnlyList<string> Words()
    {
        var words = new List<string>(_words);
        if (_word.Length > 0)
            words.Add(_word.ToString());
        return words;
    }
}
