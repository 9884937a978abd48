using Etl.Worker.Cli;

return await WorkerCli.Build().Parse(args).InvokeAsync();
