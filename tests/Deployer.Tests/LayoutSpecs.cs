using Mono.Cecil;
using Mono.Cecil.Cil;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Tests;

/// <summary>
/// napd's rooms (docs/DESIGN.md): Server → features → adapters, with no cycle between namespaces, every verb in
/// its feature's folder, and each folder its namespace. Read from the compiled napd.dll, method bodies included,
/// so a `new X()` deep in a method counts as much as a constructor parameter.
/// </summary>
public sealed class LayoutSpecs
{
    static readonly string[] Adapters = ["Acme", "Docker", "Egress", "Health", "HostCheck", "Nginx", "Ports", "Systemd", "Unix"];
    static readonly string[] Features = ["Cluster", "Apps", "Repos", "Builds", "Steps", "Instances", "Routing", "Registry", "Certs", "AppConfig", "Releases", "Hooks", "Environments", "Settings"];

    static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> Graph = new(ReadGraph);

    [Fact]
    public void No_two_namespaces_of_napd_depend_on_each_other_even_through_others()
    {
        var cycles = Cycles(Graph.Value).Select(cycle => string.Join(" → ", cycle.Append(cycle[0]))
            + $" (e.g. {string.Join("; ", cycle.Select((ns, i) => Graph.Value[ns][cycle[(i + 1) % cycle.Count]]))})").ToArray();

        Assert.True(cycles.Length == 0, "namespace cycles:\n" + string.Join('\n', cycles));
    }

    [Fact]
    public void Adapters_and_the_verb_contracts_know_no_feature()
    {
        var wrong = Graph.Value
            .Where(from => Adapters.Contains(from.Key) || from.Key == "Verbs")
            .SelectMany(from => from.Value.Where(to => Features.Contains(to.Key) || to.Key is "Server" or "").Select(to => $"{from.Key} → {to.Key}: {to.Value}"))
            .ToArray();

        Assert.True(wrong.Length == 0, string.Join('\n', wrong));
    }

    [Fact]
    public void Every_verb_handler_sits_in_a_feature_and_help_with_the_verb_contracts()
    {
        var handlers = typeof(NapdServices).Assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract && typeof(IVerbHandler).IsAssignableFrom(t));

        var misplaced = handlers.Where(t => Relative(t.Namespace!) is var ns && !Features.Contains(ns) && !(ns == "Verbs" && t == typeof(HelpVerb))).Select(t => t.FullName).ToArray();

        Assert.Empty(misplaced);
        Assert.True(handlers.Count() > 30);
    }

    [Fact]
    public void Each_source_file_declares_the_namespace_of_its_folder()
    {
        var src = Path.Combine(Support.SourceTree.Root, "src", "Deployer");
        var wrong = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Select(f => (File: Path.GetRelativePath(src, f), Declared: File.ReadLines(f).FirstOrDefault(l => l.StartsWith("namespace ", StringComparison.Ordinal))))
            .Where(f => f.Declared is not null)
            .Where(f => f.Declared != $"namespace {string.Join('.', ["Nap.Deployer", .. Path.GetDirectoryName(f.File)!.Split('/', StringSplitOptions.RemoveEmptyEntries)])};")
            .Select(f => $"{f.File}: {f.Declared}")
            .ToArray();

        Assert.Empty(wrong);
    }

    /// <summary>namespace → (namespace it uses → one member that shows it), relative to Nap.Deployer ("" is the root).</summary>
    static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ReadGraph()
    {
        using var module = ModuleDefinition.ReadModule(typeof(NapdServices).Assembly.Location);
        var graph = new Dictionary<string, Dictionary<string, string>>();
        foreach (var type in module.GetTypes())
        {
            var from = Relative(Outermost(type).Namespace);
            if (from is null)
                continue;
            var edges = graph.TryGetValue(from, out var e) ? e : graph[from] = [];
            foreach (var (used, where) in Uses(type))
                if (Relative(Outermost(used).Namespace) is { } to && to != from && used.Scope == module)
                    edges.TryAdd(to, $"{type.Name}.{where} uses {used.Name}");
        }
        return graph.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, string>)kv.Value);
    }

    static IEnumerable<(TypeReference Type, string Where)> Uses(TypeDefinition type)
    {
        if (type.BaseType is { } baseType)
            yield return (baseType, "base");
        foreach (var i in type.Interfaces)
            yield return (i.InterfaceType, "interface");
        foreach (var field in type.Fields)
            foreach (var t in Expand(field.FieldType))
                yield return (t, field.Name);
        foreach (var method in type.Methods)
        {
            foreach (var t in method.Parameters.SelectMany(p => Expand(p.ParameterType)).Concat(Expand(method.ReturnType)))
                yield return (t, method.Name);
            if (!method.HasBody)
                continue;
            foreach (var t in method.Body.Variables.SelectMany(v => Expand(v.VariableType)))
                yield return (t, method.Name);
            foreach (var instruction in method.Body.Instructions)
                foreach (var t in Operand(instruction))
                    yield return (t, method.Name);
        }
    }

    static IEnumerable<TypeReference> Operand(Instruction instruction) => instruction.Operand switch
    {
        TypeReference t => Expand(t),
        MethodReference m => Expand(m.DeclaringType).Concat(Expand(m.ReturnType)).Concat(m.Parameters.SelectMany(p => Expand(p.ParameterType)))
            .Concat(m is GenericInstanceMethod g ? g.GenericArguments.SelectMany(Expand) : []),
        FieldReference f => Expand(f.DeclaringType).Concat(Expand(f.FieldType)),
        _ => [],
    };

    static IEnumerable<TypeReference> Expand(TypeReference type) => type switch
    {
        GenericInstanceType g => Expand(g.ElementType).Concat(g.GenericArguments.SelectMany(Expand)),
        TypeSpecification s => Expand(s.ElementType),
        GenericParameter => [],
        _ => [type],
    };

    static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is { } outer)
            type = outer;
        return type;
    }

    static string? Relative(string ns) =>
        ns == "Nap.Deployer" ? "" : ns.StartsWith("Nap.Deployer.", StringComparison.Ordinal) ? ns["Nap.Deployer.".Length..] : null;

    /// <summary>Every cycle's namespaces, one per strongly connected component of more than one (Tarjan).</summary>
    static IEnumerable<IReadOnlyList<string>> Cycles(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var found = new List<IReadOnlyList<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var next in graph.TryGetValue(node, out var edges) ? edges.Keys : [])
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (stack.Contains(next))
                    low[node] = Math.Min(low[node], index[next]);
            }
            if (low[node] != index[node])
                return;
            var component = new List<string>();
            string top;
            do
            {
                top = stack.Pop();
                component.Add(top);
            }
            while (top != node);
            if (component.Count > 1)
                found.Add(PathThrough(component, graph));
        }

        foreach (var node in graph.Keys.Where(n => !index.ContainsKey(n)))
            Visit(node);
        return found;
    }

    /// <summary>One cycle inside the component, in order, so the message can name an edge between each neighbour.</summary>
    static IReadOnlyList<string> PathThrough(IReadOnlyList<string> component, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> graph)
    {
        var path = new List<string> { component[0] };
        while (true)
        {
            var next = graph[path[^1]].Keys.First(component.Contains);
            if (path.Contains(next))
                return path.SkipWhile(n => n != next).ToArray();
            path.Add(next);
        }
    }
}
