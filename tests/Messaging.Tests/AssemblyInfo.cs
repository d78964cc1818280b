using Platform.TestInfrastructure;

[assembly: AssemblyFixture(typeof(TestServersFixture))]
// BrokerOutageTests stops RabbitMQ: on servers of this module's own, so that the other modules can
// run beside it against the shared ones (scripts/test.sh runs modules in parallel).
[assembly: OwnTestServers]
