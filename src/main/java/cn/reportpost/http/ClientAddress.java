package cn.reportpost.http;

import io.vertx.ext.web.RoutingContext;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** The client's address as this request tells it (forwarded headers only when configured to trust them). */
public final class ClientAddress {

  private ClientAddress() {}

  public static String of(RoutingContext ctx) {
    return ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().hostAddress();
  }

  /**
   * What a limit per address should count: the IPv4 address, or the /64 of an IPv6 one, since a
   * single subscriber is given a whole /64 and could otherwise step to a fresh address per request.
   */
  public static String network(RoutingContext ctx) {
    String address = of(ctx);
    if (address.indexOf(':') < 0) {
      return address;
    }
    try {
      // A literal address: no name lookup happens.
      if (InetAddress.getByName(address) instanceof Inet6Address v6) {
        byte[] b = v6.getAddress();
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
          prefix.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
        }
        return prefix.append(":/64").toString();
      }
    } catch (UnknownHostException e) {
      // Not a literal after all: count it as it is.
    }
    return address;
  }
}
