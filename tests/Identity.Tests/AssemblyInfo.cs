using Platform.TestInfrastructure;

[assembly: AssemblyFixture(typeof(TestServersFixture))]
