package io.baifang.contactpolicy;

/** How a customer is contacted. Staff phone calls (电访) and visits count against the caps like messages. */
public enum Channel {
    SMS, WHATSAPP, WEBCHAT, PHONE, VISIT
}
