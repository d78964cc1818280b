using Platform.PlatformAdmin;

// The region's office's command-line tool: onboards organisations' API clients through the gateway (docs/identity.md).
return await AdminCommands.RunAsync(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable, CancellationToken.None);
