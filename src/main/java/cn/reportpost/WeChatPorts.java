package cn.reportpost;

import cn.reportpost.notify.ResidentMessenger;
import cn.reportpost.notify.SubscribeMessenger;
import cn.reportpost.payment.WeChatPay;
import cn.reportpost.resident.MiniAppClient;
import cn.reportpost.resident.OAuthClient;
import cn.reportpost.shipping.ShippingPort;

/**
 * What the features need of WeChat, each as the feature sees it. The gateway provides all of
 * them; {@code cashierUrl} is the sandbox's cashier page in dev mode and null in production;
 * {@code miniApp} and {@code shipping} are null when the product runs without a mini-program, and
 * {@code subscribe} also when no subscribe template is configured.
 */
public record WeChatPorts(WeChatPay pay, OAuthClient oauth, ResidentMessenger messenger, MiniAppClient miniApp,
    SubscribeMessenger subscribe, ShippingPort shipping, String cashierUrl) {}
