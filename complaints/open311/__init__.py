"""Open311 GeoReport v2 at /open311/v2/ (issue 15): the categories as services, a
partner filing a phản ánh through the same intake service as the form, and the
public-safe view of requests. JSON and XML, as the specification requires."""
