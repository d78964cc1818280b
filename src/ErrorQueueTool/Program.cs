using Platform.ErrorQueueTool;

// The operator's command for RabbitMQ error queues (docs/operations.md, "Error queues"):
//   list                          error queues and their message counts
//   show <queue>_error [--count N] messages with their fault, left in place
//   replay <queue>_error [--count N] [--message-id ID]   back to <queue>, after the cause is fixed
// Connection: --amqp amqp://user:pass@host:port/vhost (or $ConnectionStrings__messaging),
//             --management http://host:port (for list; or $RABBITMQ_MANAGEMENT).

var options = Options.Parse(args);
if (options.Command is null)
{
    Console.Error.WriteLine("usage: list | show <queue>_error [--count N] | replay <queue>_error [--count N] [--message-id ID]  [--amqp URI] [--management URL]");
    return 2;
}

var amqp = options.Get("--amqp") ?? Environment.GetEnvironmentVariable("ConnectionStrings__messaging");
if (string.IsNullOrEmpty(amqp))
{
    Console.Error.WriteLine("Give the broker with --amqp amqp://user:pass@host:port/vhost or ConnectionStrings__messaging.");
    return 2;
}
var management = options.Get("--management") ?? Environment.GetEnvironmentVariable("RABBITMQ_MANAGEMENT");
var tool = new ErrorQueueOperator(amqp, management is null ? null : new Uri(management));
var count = int.TryParse(options.Get("--count"), out var n) ? n : int.MaxValue;

switch (options.Command)
{
    case "list":
        var queues = await tool.ListAsync();
        if (queues.Count == 0) Console.WriteLine("No error queues: no consumer has given up on a message.");
        foreach (var queue in queues) Console.WriteLine($"{queue.Messages,8}  {queue.Name}");
        return 0;
    case "show" when options.Queue is { } queue:
        var messages = await tool.PeekAsync(queue, Math.Min(count, 50));
        if (messages.Count == 0) Console.WriteLine($"{queue} is empty.");
        foreach (var m in messages)
        {
            Console.WriteLine($"message {m.MessageId}  {m.MessageType}");
            Console.WriteLine($"  failed {m.FaultedAt:u}: {m.ExceptionType}: {m.ExceptionMessage}");
            Console.WriteLine($"  {m.Body}");
        }
        return 0;
    case "replay" when options.Queue is { } queue:
        var replayed = await tool.ReplayAsync(queue, count, options.Get("--message-id"));
        Console.WriteLine($"Replayed {replayed} message(s) from {queue} to {queue[..^ErrorQueueOperator.Suffix.Length]}.");
        return 0;
    default:
        Console.Error.WriteLine($"Unknown command or missing queue: {options.Command}");
        return 2;
}

internal sealed record Options(string? Command, string? Queue, IReadOnlyDictionary<string, string> Named)
{
    public string? Get(string name) => Named.TryGetValue(name, out var value) ? value : null;

    public static Options Parse(string[] args)
    {
        var positional = new List<string>();
        var named = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length) named[args[i]] = args[++i];
            else positional.Add(args[i]);
        }
        return new Options(positional.ElementAtOrDefault(0), positional.ElementAtOrDefault(1), named);
    }
}
