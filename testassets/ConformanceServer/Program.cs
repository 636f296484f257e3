// The server the official protocol suites run against: see README.md beside this file.
var builder = WebApplication.CreateSlimBuilder(args);
var app = builder.Build();
app.Run();
