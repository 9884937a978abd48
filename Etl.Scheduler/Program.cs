using Etl.Scheduler.Cli;

return await SchedulerCli.Build().Parse(args).InvokeAsync();
