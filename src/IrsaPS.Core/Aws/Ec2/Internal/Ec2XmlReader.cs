using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using IrsaPS.Core.Aws.Ec2.Model;
using IrsaPS.Core.Aws.Runtime;

namespace IrsaPS.Core.Aws.Ec2.Internal;

/// <summary>
/// Reads EC2's XML shapes (camelCase elements, lists as <c>&lt;xxxSet&gt;&lt;item&gt;...</c>) into the model. Elements
/// EC2 may leave out are null, never guessed.
/// </summary>
internal static class Ec2XmlReader
{
    public static DescribeInstancesResponse DescribeInstances(XElement? root) => new()
    {
        Reservations = Items(root, "reservationSet").Select(Reservation).ToList(),
        NextToken = Empty(root.Text("nextToken")),
    };

    private static Reservation Reservation(XElement reservation) => new()
    {
        ReservationId = reservation.Text("reservationId") ?? string.Empty,
        OwnerId = reservation.Text("ownerId") ?? string.Empty,
        Instances = Items(reservation, "instancesSet").Select(Instance).ToList(),
    };

    private static Instance Instance(XElement instance)
    {
        var state = instance.Child("instanceState");
        var profile = instance.Child("iamInstanceProfile");
        var metadata = instance.Child("metadataOptions");
        var placement = instance.Child("placement");
        return new Instance
        {
            InstanceId = instance.Text("instanceId") ?? string.Empty,
            InstanceType = instance.Text("instanceType"),
            State = state is null ? null : new InstanceState { Code = state.Int("code"), Name = state.Text("name") },
            Placement = placement is null ? null : new Placement { AvailabilityZone = Empty(placement.Text("availabilityZone")) },
            PrivateDnsName = Empty(instance.Text("privateDnsName")),
            IamInstanceProfile = profile is null ? null : new IamInstanceProfile { Arn = Empty(profile.Text("arn")), Id = Empty(profile.Text("id")) },
            MetadataOptions = metadata is null ? null : new InstanceMetadataOptionsResponse
            {
                State = Empty(metadata.Text("state")),
                HttpTokens = Empty(metadata.Text("httpTokens")),
                HttpPutResponseHopLimit = metadata.Int("httpPutResponseHopLimit"),
                HttpEndpoint = Empty(metadata.Text("httpEndpoint")),
                HttpProtocolIpv6 = Empty(metadata.Text("httpProtocolIpv6")),
                InstanceMetadataTags = Empty(metadata.Text("instanceMetadataTags")),
            },
            Tags = Items(instance, "tagSet").Select(t => new Tag(t.Text("key") ?? string.Empty, t.Text("value") ?? string.Empty)).ToList(),
        };
    }

    /// <summary>The <c>item</c> elements of an EC2 list element.</summary>
    private static IEnumerable<XElement> Items(XElement? parent, string listName) =>
        parent.Child(listName)?.Elements().Where(e => e.Name.LocalName == "item") ?? Enumerable.Empty<XElement>();

    private static string? Empty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
